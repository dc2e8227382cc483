"""ldl.tracking"""
