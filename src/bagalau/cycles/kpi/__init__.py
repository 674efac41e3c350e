"""KPI plans and KPI evaluation sheets (R-KPI-PLAN, R-KPI-SCORE)."""
