# Stand-in for python:3.11-slim: Debian's Python 3.11 in a virtual environment at /usr/local, where the official
# image keeps its Python and pip.
FROM govcms-offline/debian:bookworm
COPY ca/ /usr/local/share/ca-certificates/
RUN apt-get update && apt-get install -y --no-install-recommends python3 python3-venv ca-certificates \
 && update-ca-certificates && rm -rf /var/lib/apt/lists/* \
 && python3 -m venv /usr/local && ln -sf /usr/local/bin/python3 /usr/local/bin/python
ENV LANG=C.UTF-8 PIP_CERT=/etc/ssl/certs/ca-certificates.crt REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt
CMD ["python3"]
