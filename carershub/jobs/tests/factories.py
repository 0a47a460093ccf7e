import factory
from django.utils import timezone

from carershub.jobs.models import ScheduledRun, WorkerHeartbeat


class WorkerHeartbeatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkerHeartbeat

    worker_id = factory.Sequence(lambda n: f"worker-{n}.testshire.example:{1000 + n}")
    started_at = factory.LazyFunction(timezone.now)
    last_seen = factory.LazyFunction(timezone.now)
    queues = ["*"]


class ScheduledRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScheduledRun

    job = "clear-expired-sessions"
    fire_time = factory.LazyFunction(timezone.now)
    enqueued_by = "worker-0.testshire.example:1000"
