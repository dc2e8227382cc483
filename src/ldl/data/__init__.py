"""ldl.data"""
