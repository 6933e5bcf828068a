package cache

const sep = '\\'
