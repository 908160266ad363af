/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring.redis;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import dev.faascache.spring.CoherenceTransport;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.cache.RedisCache;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Connection of the second level to Redis: its own Lettuce connection to the servers of the
 * application's {@code LettuceConnectionFactory}, with the same TLS, credentials, client options
 * and client resources, but short timeouts of its own, so that a slow or unreachable Redis costs
 * a cache lookup a fraction of a second rather than Lettuce's default of a minute, and the
 * application's other Redis clients keep their timeouts.
 * <p>
 * The connection rejects commands at once while it is disconnected, instead of queueing them
 * until they time out, and {@link #reconnect()} drops it so that the next command connects
 * afresh rather than waiting for Lettuce's reconnection backoff.
 * <p>
 * With another connection factory (Jedis, or a Lettuce static master/replica setup, whose servers
 * a factory does not tell), the second level shares the application's factory and its timeouts.
 * <p>
 * The connection follows the application context's lifecycle, so that it is closed before a
 * SnapStart or CRaC checkpoint and opened again after the restore.
 */
public final class RedisSecondLevelConnection implements SmartLifecycle, DisposableBean {

	private final RedisConnectionFactory connectionFactory;

	/** The second level's own Lettuce factory, typed so that Jedis users need no Lettuce classes. */
	private final @Nullable RedisConnectionFactory ownFactory;

	private volatile boolean running = true;

	private volatile @Nullable RedisCoherenceTransport coherenceTransport;

	/**
	 * Create the connection of the second level from the application's connection factory.
	 * @param applicationFactory the application's connection factory
	 * @param shareable whether the application's factory may be copied with other timeouts:
	 * {@code false} for a static master/replica setup
	 * @param commandTimeout the timeout of each command
	 * @param connectTimeout the timeout of connecting
	 */
	public RedisSecondLevelConnection(RedisConnectionFactory applicationFactory, boolean shareable,
			Duration commandTimeout, Duration connectTimeout) {
		Objects.requireNonNull(applicationFactory, "applicationFactory must not be null");
		if (shareable && LettuceFactories.isLettuce(applicationFactory)) {
			this.ownFactory = LettuceFactories.copy(applicationFactory, commandTimeout, connectTimeout);
			this.connectionFactory = this.ownFactory;
		}
		else {
			this.ownFactory = null;
			this.connectionFactory = applicationFactory;
		}
	}

	/**
	 * Return the connection factory the second level uses.
	 * @return its own Lettuce factory, or the application's
	 */
	public RedisConnectionFactory getConnectionFactory() {
		return this.connectionFactory;
	}

	/**
	 * Return a manager of the Redis caches of the second level on this connection. With Lettuce,
	 * its caches are {@link dev.faascache.spring.AsyncPutCache}s, whose asynchronous writes go on
	 * the connection of the other commands, in call order.
	 * @param writer the cache writer on {@link #getConnectionFactory()}
	 * @param defaults the configuration of caches created on first use
	 * @param initial the configurations of the caches known at startup, by name
	 * @return an initialised cache manager
	 */
	public RedisCacheManager cacheManager(RedisCacheWriter writer, RedisCacheConfiguration defaults,
			Map<String, RedisCacheConfiguration> initial) {
		RedisConnectionFactory factory = this.connectionFactory;
		RedisCacheManager cacheManager = LettuceFactories.sharesNativeConnection(factory)
				? new RedisCacheManager(writer, defaults, initial) {

					@Override
					protected RedisCache createRedisCache(String name, @Nullable RedisCacheConfiguration configuration) {
						return LettuceFactories.asyncPutCache(name, writer,
								(configuration != null) ? configuration : defaults, factory);
					}

				} : new RedisCacheManager(writer, defaults, initial);
		cacheManager.afterPropertiesSet();
		return cacheManager;
	}

	/**
	 * Return the transport of the messages that keep the heaps of the instances coherent, over
	 * Redis pub/sub on the second level's own Lettuce connection: its subscription follows the
	 * connection's lifecycle, given up before a checkpoint and made again after the restore.
	 * @param keyPrefix the prefix of the Redis keys of the second level, before the cache name
	 * @return the transport, the same on each call, or {@code null} if the second level shares the
	 * application's connection factory (Jedis, or a static master/replica setup), whose
	 * subscriptions would need a thread of their own
	 */
	public synchronized @Nullable CoherenceTransport coherenceTransport(String keyPrefix) {
		if (this.ownFactory == null || !LettuceFactories.sharesNativeConnection(this.ownFactory)) {
			return null;
		}
		RedisCoherenceTransport transport = this.coherenceTransport;
		if (transport == null) {
			transport = new RedisCoherenceTransport(this.ownFactory, keyPrefix);
			this.coherenceTransport = transport;
		}
		return transport;
	}

	/**
	 * Drop the second level's own connection, if it has one, so that the next command connects
	 * afresh rather than waiting for Lettuce to reconnect.
	 */
	public void reconnect() {
		if (this.ownFactory != null && isRunning()) {
			LettuceFactories.resetConnection(this.ownFactory);
		}
	}

	@Override
	public void start() {
		if (this.ownFactory != null) {
			((SmartLifecycle) this.ownFactory).start();
		}
		this.running = true;
		RedisCoherenceTransport transport = this.coherenceTransport;
		if (transport != null) {
			transport.relisten();
		}
	}

	@Override
	public void stop() {
		RedisCoherenceTransport transport = this.coherenceTransport;
		if (transport != null) {
			transport.close();
		}
		if (this.ownFactory != null) {
			((SmartLifecycle) this.ownFactory).stop();
		}
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return (this.ownFactory != null) ? ((SmartLifecycle) this.ownFactory).isRunning() : this.running;
	}

	@Override
	public void destroy() throws Exception {
		RedisCoherenceTransport transport = this.coherenceTransport;
		if (transport != null) {
			transport.close();
		}
		if (this.ownFactory != null) {
			((DisposableBean) this.ownFactory).destroy();
		}
	}

}
