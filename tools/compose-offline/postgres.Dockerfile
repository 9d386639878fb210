# Stand-in for postgres:15: Debian's PostgreSQL 15, initialised from POSTGRES_* like the official image.
FROM govcms-offline/debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-15 && rm -rf /var/lib/apt/lists/*
COPY postgres-entrypoint.sh /usr/local/bin/
ENV PATH=/usr/lib/postgresql/15/bin:$PATH PGHOST=/run/postgresql
ENTRYPOINT ["/usr/local/bin/postgres-entrypoint.sh"]
