"""A task for the scale test: each run counts itself in Redis, so a task run twice shows as 2."""

import os

import redis
from django.tasks import task


@task()
def count_run(number):
    redis.Redis.from_url(os.environ["SCALE_COUNT_REDIS_URL"]).hincrby("scale:runs", str(number), 1)
