"""ldl.mathlab"""
