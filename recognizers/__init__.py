"""Text → entities: Japanese recognizers on Presidio (see issue 3).

`recognizers.content` defines what extractors hand to this stage: text blocks and
tables that keep their header, because a column called 口座番号 says as much as its
values.
"""
