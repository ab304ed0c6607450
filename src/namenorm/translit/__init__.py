"""Transliteration conventions (YAML): each maps one way of writing Slavic and Caucasian names in Latin
letters (Polish, Italian, English, German, French press) or in Cyrillic to one comparable pivot key."""
