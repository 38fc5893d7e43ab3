// parcel_indicators: being written.
