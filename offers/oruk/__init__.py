"""Open data: the offer as an Open Referral UK (HSDS 3.0) API, and importing ORUK feeds."""
