from django.apps import AppConfig


class NotifyConfig(AppConfig):
    """In-app notices and e-mail to whoever owes the next step of the cycle."""

    name = "bagalau.notify"
    label = "notify"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Here, not at import: the handlers import models, ready only once apps load.
        from bagalau.core import events
        from bagalau.cycles.events import ResultsReady, StepHandedOver
        from bagalau.notify.subscribers import tell_results_ready, tell_step_handed_over

        events.subscribe(ResultsReady, tell_results_ready)
        events.subscribe(StepHandedOver, tell_step_handed_over)
