/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring.redis;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.faascache.spring.Coherence;
import dev.faascache.spring.CoherenceTransport;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.SubscriptionListener;

/**
 * Coherence messages over Redis pub/sub, on the second level's own Lettuce connection: one
 * channel, {@code <key prefix>faas-cache:invalidations}, for all caches, and a version per cache,
 * {@code <key prefix><cache name>:version}, outside the keys of the cache's entries so that a
 * clear leaves it. A Lua script increments the version and publishes the message in one step, so
 * that the order of the messages is the order of the versions.
 * <p>
 * Messages are delivered on Lettuce's event loop by the dedicated pub/sub connection that Spring
 * Data Redis opens for a subscription; Lettuce reconnects it and subscribes again by itself, and
 * each subscription made, first or again, tells the {@link Coherence} that messages may have been
 * missed. No thread is started.
 */
final class RedisCoherenceTransport implements CoherenceTransport {

	/**
	 * Increments the cache's version, starting it from the server's clock in microseconds when the
	 * version is missing (a new cache, or a server that lost its data), so that it never goes
	 * back; then publishes the message behind the new version.
	 */
	private static final String SCRIPT = """
			local version = redis.call('INCR', KEYS[1])
			if version == 1 then
				local time = redis.call('TIME')
				version = time[1] * 1000000 + time[2]
				redis.call('SET', KEYS[1], string.format('%.0f', version))
			end
			redis.call('PUBLISH', ARGV[1], string.format('%.0f', version) .. ARGV[2])
			return 1
			""";

	private final RedisConnectionFactory connectionFactory;

	private final String keyPrefix;

	private final byte[] channel;

	private volatile @Nullable Coherence coherence;

	/** The connection holding the subscription, guarded by {@code this}. */
	private @Nullable RedisConnection subscription;

	private @Nullable Object watchedClient;

	RedisCoherenceTransport(RedisConnectionFactory connectionFactory, String keyPrefix) {
		this.connectionFactory = connectionFactory;
		this.keyPrefix = keyPrefix;
		this.channel = (keyPrefix + "faas-cache:invalidations").getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public CompletionStage<?> publish(String cacheName, String afterVersion) {
		return LettuceFactories.evalAsync(this.connectionFactory, SCRIPT, versionKey(cacheName), this.channel,
				afterVersion.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Return the version of the cache, 0 if it has none, or -1 if what Redis holds there is not a
	 * version.
	 */
	@Override
	public long version(String cacheName) {
		byte[] version;
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			version = connection.stringCommands().get(versionKey(cacheName));
		}
		if (version == null) {
			return 0;
		}
		try {
			return Long.parseLong(new String(version, StandardCharsets.US_ASCII));
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private byte[] versionKey(String cacheName) {
		return (this.keyPrefix + cacheName + ":version").getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public synchronized boolean listen(Coherence coherence) {
		this.coherence = coherence;
		Object client = LettuceFactories.client(this.connectionFactory);
		if (client != this.watchedClient) {
			// a factory that was stopped and started again, around a checkpoint, has a new client
			LettuceFactories.onPubSubDisconnected(client, this::disconnected);
			this.watchedClient = client;
		}
		RedisConnection current = this.subscription;
		if (current != null && current.isSubscribed()) {
			return false;
		}
		RedisConnection connection = this.connectionFactory.getConnection();
		try {
			connection.subscribe(new Listener(), this.channel);
		}
		catch (RuntimeException ex) {
			connection.close();
			throw ex;
		}
		this.subscription = connection;
		return true;
	}

	/**
	 * Listen again to the channel if it was listened to before {@link #close()}, after the
	 * connection was started again, for example after a restore from a snapshot. A failure leaves
	 * it to the caches, which subscribe on their next lookup.
	 */
	void relisten() {
		Coherence current = this.coherence;
		if (current != null) {
			current.start();
		}
	}

	/**
	 * Give up the subscription, before the connection is stopped: the caches check their version
	 * before answering from the heap until it is made again.
	 */
	synchronized void close() {
		RedisConnection current = this.subscription;
		this.subscription = null;
		if (current != null) {
			try {
				current.close();
			}
			finally {
				disconnected();
			}
		}
	}

	private void disconnected() {
		Coherence current = this.coherence;
		if (current != null) {
			current.onDisconnected();
		}
	}

	/**
	 * Hands the messages and the subscriptions Lettuce makes again to the coherence, on Lettuce's
	 * event loop. One per subscription: its first confirmation answers {@link #listen}.
	 */
	private final class Listener implements MessageListener, SubscriptionListener {

		private final AtomicBoolean confirmed = new AtomicBoolean();

		@Override
		public void onMessage(Message message, byte @Nullable [] pattern) {
			Coherence current = RedisCoherenceTransport.this.coherence;
			if (current != null) {
				current.onMessage(new String(message.getBody(), StandardCharsets.UTF_8));
			}
		}

		@Override
		public void onChannelSubscribed(byte[] channel, long count) {
			Coherence current = RedisCoherenceTransport.this.coherence;
			if (current != null && !this.confirmed.compareAndSet(false, true)) {
				current.onListening();
			}
		}

	}

}
