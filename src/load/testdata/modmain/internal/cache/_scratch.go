package cache

this file is ignored by name and not even parsed
