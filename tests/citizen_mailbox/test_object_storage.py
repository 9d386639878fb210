"""Object storage (govcms.core.object_storage) against a real S3 endpoint (moto's server, over HTTP): a citizen's
attachment sent through the public form lands in the private bucket and leaves it only through the mailbox's
permission-checked view; images and documents go to the media bucket."""

import urllib.error
import urllib.request
import uuid

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail_factories import DocumentFactory, ImageFactory

from citizen_mailbox.models import Message
from govcms.core.object_storage import s3_storages
from tests.citizen_mailbox.test_public_form import PDF, form_data, write_url

pytestmark = pytest.mark.django_db

CREDENTIALS = {"aws_access_key_id": "govcms-test", "aws_secret_access_key": "govcms-test-secret"}
ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"


@pytest.fixture(scope="module")
def s3_endpoint():
    """moto's S3 server on a free local port, for this module."""
    moto_server = pytest.importorskip("moto.server", reason="moto[s3,server] is not installed")
    try:
        server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        server.start()
    except OSError as error:
        pytest.skip(f"moto's S3 server cannot start: {error}")
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def buckets(s3_endpoint, settings):
    """A fresh media and private bucket, and STORAGES pointing at them as the settings would with S3_MEDIA_BUCKET."""
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1", **CREDENTIALS)
    suffix = uuid.uuid4().hex[:8]
    media, private = f"media-{suffix}", f"private-{suffix}"
    for name in (media, private):
        client.create_bucket(Bucket=name)
    settings.STORAGES = {
        **s3_storages(
            media_bucket=media,
            private_bucket=private,
            endpoint_url=s3_endpoint,
            access_key=CREDENTIALS["aws_access_key_id"],
            secret_key=CREDENTIALS["aws_secret_access_key"],
        ),
        "staticfiles": settings.STORAGES["staticfiles"],
    }
    client.endpoint, client.media, client.private = s3_endpoint, media, private
    return client


def keys(client, bucket):
    return [item["Key"] for item in client.list_objects_v2(Bucket=bucket).get("Contents", [])]


def anonymous_status(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 # nosec B310 - the local test server
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def send_letter(mailbox):
    citizen = Client(HTTP_HOST=mailbox.get_site().hostname)
    letter = form_data(citizen, mailbox, attachment=SimpleUploadedFile("户口.pdf", PDF))
    response = citizen.post(write_url(mailbox), letter)
    assert response.status_code == 200
    return Message.objects.get()


def test_an_attachment_sent_by_a_citizen_is_stored_privately_and_served_only_after_the_permission_check(
    buckets, client, mailbox_a, site_group, make_user
):
    message = send_letter(mailbox_a)

    assert keys(buckets, buckets.private) == [message.attachment.name]
    assert keys(buckets, buckets.media) == []
    grants = buckets.get_object_acl(Bucket=buckets.private, Key=message.attachment.name)["Grants"]
    assert not any(grant["Grantee"].get("URI") == ALL_USERS for grant in grants)
    # The bucket itself refuses a direct, unsigned request for the object.
    assert anonymous_status(f"{buckets.endpoint}/{buckets.private}/{message.attachment.name}") == 403

    download = f"/admin/mailbox/{message.pk}/attachment/message/"
    client.force_login(make_user(site_group.county_a.groups["编辑"], username="editor_a"))
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF  # streamed by the app, not a redirect to the bucket
    assert "attachment" in response["Content-Disposition"]

    client.force_login(make_user(site_group.county_b.groups["管理员"], username="admin_b"))
    assert client.get(download).status_code == 404
    client.logout()
    anonymous = client.get(download)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]


def test_images_and_documents_go_to_the_media_bucket_with_plain_urls(buckets):
    image = ImageFactory(title="会场")
    document = DocumentFactory(title="通知")
    rendition = image.get_rendition("width-100")

    stored = keys(buckets, buckets.media)
    assert {image.file.name, rendition.file.name, document.file.name} <= set(stored)
    assert keys(buckets, buckets.private) == []
    # On the page's own hostname, which the reverse proxy passes to the bucket: the same key under /media/.
    assert rendition.url == f"/media/{rendition.file.name}"
    assert rendition.file.name.startswith("images/")


def test_with_a_cdn_images_are_linked_there_without_a_signature(buckets, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            **settings.STORAGES["default"],
            "OPTIONS": {**settings.STORAGES["default"]["OPTIONS"], "custom_domain": "cdn.example.gov.cn/media"},
        },
    }
    rendition = ImageFactory(title="会场").get_rendition("width-100")

    assert rendition.url == f"https://cdn.example.gov.cn/media/{rendition.file.name}"  # stable: proxies may cache it
