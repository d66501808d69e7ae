"""The Organisations page: ministries, agencies, associations, enterprises and international bodies."""
