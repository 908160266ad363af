/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import org.jspecify.annotations.Nullable;

/**
 * Message that tells the other instances that an entry of a cache changed or that the cache was
 * cleared, as sent on the coherence channel:
 * {@code <version> <sender> <operation> <length of the cache name>:<cache name><key>}, such as
 * {@code 1733131234567891 4f1c... P 8:products42}. The version is the cache's version in the
 * remote cache after this change, written there by the remote cache itself; the key is the text
 * of the entry's key in the remote cache, empty for a clear.
 * <p>
 * Whoever can publish on the channel writes these messages, so {@link #parse(String)} checks
 * every part and refuses what does not fit, rather than guessing.
 *
 * @param version the cache's version after the change, positive
 * @param sender the id of the instance that made the change
 * @param operation what changed
 * @param cacheName the name of the cache
 * @param key the text of the key in the remote cache, empty for {@link Operation#CLEAR}
 */
record Invalidation(long version, String sender, Operation operation, String cacheName, String key) {

	/** Longest message read: a key longer than Redis would hold in a sensible cache is refused. */
	private static final int MAX_LENGTH = 64 * 1024;

	/** The most digits of a version, which the remote cache writes in front of a message. */
	private static final int VERSION_DIGITS = 18;

	/**
	 * What changed.
	 */
	enum Operation {

		/** The entry for the key was evicted. */
		EVICT('E'),

		/** The entry for the key was written, new or replacing. */
		PUT('P'),

		/** Every entry of the cache was removed. */
		CLEAR('C');

		private final char code;

		Operation(char code) {
			this.code = code;
		}

		static @Nullable Operation of(char code) {
			for (Operation operation : values()) {
				if (operation.code == code) {
					return operation;
				}
			}
			return null;
		}

	}

	/**
	 * Return the message without its version, which the remote cache puts in front when it
	 * publishes the message: {@code " <sender> <operation> <length>:<cache name><key>"}.
	 * @param sender the id of this instance
	 * @param operation what changed
	 * @param cacheName the name of the cache
	 * @param key the text of the key in the remote cache, empty for a clear
	 * @return the message to publish after the version; for a key so long that the message would
	 * be refused, the message of a clear of the cache, so that no other instance keeps its copy
	 */
	static String afterVersion(String sender, Operation operation, String cacheName, String key) {
		String message = " " + sender + " " + operation.code + " " + cacheName.length() + ":" + cacheName + key;
		if (message.length() + VERSION_DIGITS > MAX_LENGTH && !key.isEmpty()) {
			// the others would refuse the message and keep their copy: have them drop the whole
			// cache instead, which is what they do with a key they cannot read back
			return afterVersion(sender, Operation.CLEAR, cacheName, "");
		}
		return message;
	}

	/**
	 * Read a message.
	 * @param message the message as received
	 * @return the invalidation, or {@code null} if the message is not one
	 */
	static @Nullable Invalidation parse(String message) {
		if (message.length() > MAX_LENGTH) {
			return null;
		}
		int versionEnd = message.indexOf(' ');
		int senderEnd = (versionEnd > 0) ? message.indexOf(' ', versionEnd + 1) : -1;
		if (senderEnd <= versionEnd + 1 || message.length() < senderEnd + 4 || message.charAt(senderEnd + 2) != ' ') {
			return null;
		}
		Operation operation = Operation.of(message.charAt(senderEnd + 1));
		int lengthStart = senderEnd + 3;
		int colon = message.indexOf(':', lengthStart);
		long version = digits(message, 0, versionEnd);
		long nameLength = (colon > lengthStart) ? digits(message, lengthStart, colon) : -1;
		if (operation == null || version <= 0 || nameLength <= 0 || colon + 1 + nameLength > message.length()) {
			return null;
		}
		int nameEnd = colon + 1 + (int) nameLength;
		String key = message.substring(nameEnd);
		if ((operation == Operation.CLEAR) != key.isEmpty()) {
			return null;
		}
		return new Invalidation(version, message.substring(versionEnd + 1, senderEnd), operation,
				message.substring(colon + 1, nameEnd), key);
	}

	/**
	 * Return the number written in decimal digits between the indexes, or -1 if there is none or
	 * it is too long to be a version.
	 */
	private static long digits(String text, int start, int end) {
		if (end - start < 1 || end - start > 18) {
			return -1;
		}
		long value = 0;
		for (int i = start; i < end; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

}
