/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import java.util.concurrent.CompletionStage;

/**
 * How the instances of an application tell each other of changes to their caches, such as Redis
 * pub/sub: a channel every instance listens to, and a version per cache that every change
 * increments, so that an instance that was away can tell whether it missed a change.
 * <p>
 * A transport starts no thread: it delivers messages on its client's own threads, such as
 * Lettuce's event loop, and never blocks them.
 */
public interface CoherenceTransport {

	/**
	 * Increment the version of the cache and publish the message with the new version in front,
	 * as one atomic step in the remote server, without waiting for it.
	 * @param cacheName the name of the cache
	 * @param afterVersion the message to publish after the version
	 * @return the outcome, completed by the client's own thread
	 * @throws RuntimeException if the message cannot be sent, before anything is sent
	 */
	CompletionStage<?> publish(String cacheName, String afterVersion);

	/**
	 * Return the version of the cache in the remote server, waiting for it.
	 * @param cacheName the name of the cache
	 * @return the version, 0 if the cache has none yet
	 * @throws RuntimeException if the remote server cannot be asked
	 */
	long version(String cacheName);

	/**
	 * Listen to the channel, unless a subscription is already made, delivering what is received to
	 * the coherence: {@link Coherence#onMessage(String)} for each message,
	 * {@link Coherence#onListening()} each time the client subscribes again by itself after its
	 * connection was lost, and {@link Coherence#onDisconnected()} each time it is lost. Waits for
	 * the subscription when it makes one.
	 * @param coherence the coherence to deliver to
	 * @return {@code true} if the subscription was made now, {@code false} if one was made before,
	 * whose connection the client may be restoring
	 * @throws RuntimeException if the subscription cannot be made
	 */
	boolean listen(Coherence coherence);

}
