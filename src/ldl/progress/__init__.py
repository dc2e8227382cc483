"""ldl.progress"""
