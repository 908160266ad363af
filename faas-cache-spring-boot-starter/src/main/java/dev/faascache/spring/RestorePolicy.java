/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

/**
 * What the caches do when the JVM is restored from a snapshot (AWS Lambda SnapStart, CRaC).
 *
 * @see FaasCacheRestoreHandler
 */
public enum RestorePolicy {

	/** Keep every entry as it was, as if no time had passed. */
	KEEP,

	/** Remove every entry from the heap; a second level, shared with other instances, keeps its own. */
	CLEAR,

	/**
	 * Expire the entries whose time to live ran out in wall-clock time since the snapshot, which
	 * the monotonic clock may not have counted; the others keep only what is left of theirs.
	 */
	EXPIRE

}
