/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

/**
 * Thrown when a single entry is larger than the cache's whole byte budget. The entry is refused,
 * nothing is evicted, and a value already cached under the same key is kept.
 */
public class EntryTooLargeException extends IllegalArgumentException {

	/** The measured size of the refused entry, in bytes. */
	private final long entryBytes;

	/** The byte budget of the cache, in bytes. */
	private final long maxBytes;

	/**
	 * Create a new instance.
	 * @param key the key of the refused entry
	 * @param entryBytes the measured size of the entry, in bytes
	 * @param maxBytes the byte budget of the cache
	 * @param overheadBytes the bytes the cache's own structure takes from the budget
	 */
	public EntryTooLargeException(Object key, long entryBytes, long maxBytes, long overheadBytes) {
		super("Entry for key '" + key + "' takes " + entryBytes + " bytes, which exceeds the byte budget of "
				+ maxBytes + " bytes (" + overheadBytes + " of which the cache's own structure uses); "
				+ "raise maxSize or store a smaller value");
		this.entryBytes = entryBytes;
		this.maxBytes = maxBytes;
	}

	/**
	 * Return the measured size of the refused entry.
	 * @return the size in bytes
	 */
	public long getEntryBytes() {
		return this.entryBytes;
	}

	/**
	 * Return the byte budget of the cache that refused the entry.
	 * @return the budget in bytes
	 */
	public long getMaxBytes() {
		return this.maxBytes;
	}

}
