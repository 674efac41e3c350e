from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo and synthetic data, and the ``demo`` and ``demo_data`` commands.

    The top layer: it may import any app; no app imports it.
    """

    name = "bagalau.demo"
    label = "demo"
