#!/bin/sh
# Builds, from Debian bookworm's packages, stand-ins for the images docker-compose.yml names, on a Docker host
# that reaches a Debian mirror and PyPI but no image registry (README.md). Run as root: debootstrap needs it.
# They are tagged govcms-offline/*, never with the official names: standins.yml maps the stack onto them.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

debootstrap --variant=minbase bookworm "$work/rootfs" "$mirror" >/dev/null
tar -C "$work/rootfs" -c . | docker import - govcms-offline/debian:bookworm >/dev/null

# The host's extra certificate authorities (a TLS-inspecting egress proxy's), so that pip inside the build
# trusts what the host trusts. None is fine.
mkdir -p "$work/context/ca"
cp /usr/local/share/ca-certificates/*.crt "$work/context/ca/" 2>/dev/null || true
cp "$here"/*.Dockerfile "$here"/*-entrypoint.sh "$here/mc" "$work/context/"

build() {
    docker build -q -t "$1" -f "$work/context/$2" "$work/context" >/dev/null
    echo "built $1 (stand-in)"
}
build govcms-offline/python:3.11 python.Dockerfile
build govcms-offline/postgres:15 postgres.Dockerfile
build govcms-offline/redis:7 redis.Dockerfile
# MinIO's server and client: moto's S3 server, and the few `mc` commands createbuckets runs.
build govcms-offline/s3 s3.Dockerfile
echo "no Elasticsearch stand-in: see README.md"
