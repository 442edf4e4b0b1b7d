// imrbench: the benchmark instrument (synthetic corpus, build and query timing, cold start).
import IMRSearch

print("imrbench: not yet implemented")
