#!/bin/sh
# As the official image does: no protected mode, the container network is the boundary.
exec "$@" --protected-mode no
