---- MODULE x ----
VARIABLE y
====
