// park_indicators: being written.
