// The _unix suffix is not a constraint: this file is always built.
package cache

const unixSuffix = true
