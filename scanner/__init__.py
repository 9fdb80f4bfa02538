"""Crawl, read, extract and orchestrate: the scanner's half of piiscan.

Data flows scanner → recognizers → classifier → reports; this package is the only one
that knows about files, processes and the command line.
"""
