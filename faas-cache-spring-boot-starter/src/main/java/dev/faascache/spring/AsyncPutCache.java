/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;

/**
 * A remote cache that writes without blocking the calling thread, and sends the write before any
 * call made to it afterwards, so that an eviction that follows the write cannot overtake it.
 * <p>
 * The second level writes the value of an asynchronous load this way, on the thread completing
 * the load, which may be an event loop that must not wait for the remote server.
 */
public interface AsyncPutCache {

	/**
	 * Send a write of the value for the key, and return at once.
	 * @param key the key, as the remote cache is given it
	 * @param value the value, {@code null} for a cached {@code null}
	 * @return the outcome of the write, completed by the remote client's own thread
	 * @throws RuntimeException if the key or the value cannot be written, before anything is sent
	 */
	CompletionStage<?> putAsync(Object key, @Nullable Object value);

}
