"""ldl.engine"""
