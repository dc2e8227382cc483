"""ldl.curriculum"""
