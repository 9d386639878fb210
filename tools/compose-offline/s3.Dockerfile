# Stand-in for minio/minio and minio/mc: moto's S3 server (objects in memory) and a boto3 `mc`.
FROM govcms-offline/python:3.11
RUN pip install --no-cache-dir "moto[server]" boto3
COPY mc /usr/local/bin/mc
RUN chmod +x /usr/local/bin/mc
# MinIO's arguments (server /data) are ignored.
ENTRYPOINT ["sh", "-c", "exec moto_server -H 0.0.0.0 -p 9000", "--"]
