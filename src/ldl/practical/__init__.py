"""ldl.practical"""
