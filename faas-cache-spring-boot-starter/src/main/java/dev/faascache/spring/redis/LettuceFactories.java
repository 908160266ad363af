/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring.redis;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.ClientOptions.DisconnectedBehavior;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.cache.RedisCache;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration.LettuceClientConfigurationBuilder;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.ClassUtils;

/**
 * Copies of Lettuce connection factories with other timeouts, kept apart so that only Lettuce
 * users load Lettuce classes.
 */
final class LettuceFactories {

	private static final boolean LETTUCE_PRESENT = ClassUtils.isPresent("io.lettuce.core.RedisClient",
			LettuceFactories.class.getClassLoader());

	private LettuceFactories() {
	}

	/**
	 * Return whether the factory is a Lettuce one.
	 */
	static boolean isLettuce(RedisConnectionFactory factory) {
		return LETTUCE_PRESENT && factory instanceof LettuceConnectionFactory;
	}

	/**
	 * Return a started copy of a Lettuce factory that connects to the same servers the same way,
	 * fails each command after {@code commandTimeout}, gives a new connection, handshake included,
	 * {@code connectTimeout} (or {@code commandTimeout} if longer), and rejects commands while it
	 * is disconnected.
	 */
	static RedisConnectionFactory copy(RedisConnectionFactory applicationFactory, Duration commandTimeout,
			Duration connectTimeout) {
		LettuceConnectionFactory application = (LettuceConnectionFactory) applicationFactory;
		RedisConfiguration configuration = configuration(application);
		LettuceClientConfiguration client = application.getClientConfiguration();
		LettuceClientConfigurationBuilder builder = LettuceClientConfiguration.builder();
		if (client.isUseSsl()) {
			LettuceClientConfiguration.LettuceSslClientConfigurationBuilder ssl = builder.useSsl()
				.verifyPeer(client.getVerifyMode());
			if (client.isStartTls()) {
				ssl.startTls();
			}
			builder = ssl.and();
		}
		client.getClientResources().ifPresent(builder::clientResources);
		client.getClientName().ifPresent(builder::clientName);
		client.getReadFrom().ifPresent(builder::readFrom);
		client.getRedisCredentialsProviderFactory().ifPresent(builder::redisCredentialsProviderFactory);
		builder.clientOptions(clientOptions(client.getClientOptions().orElse(null),
				configuration instanceof RedisClusterConfiguration, commandTimeout, connectTimeout));
		// Lettuce bounds the handshake of a new connection by the RedisURI's timeout, which Spring Data
		// Redis takes from the command timeout: give it the longer connect timeout, while the fixed
		// TimeoutOptions of clientOptions still fail every command after commandTimeout.
		Duration handshakeTimeout = (connectTimeout.compareTo(commandTimeout) > 0) ? connectTimeout : commandTimeout;
		builder.commandTimeout(handshakeTimeout)
			.shutdownTimeout(client.getShutdownTimeout())
			.shutdownQuietPeriod(client.getShutdownQuietPeriod());
		LettuceConnectionFactory copy = new LettuceConnectionFactory(configuration, builder.build());
		copy.afterPropertiesSet();
		return copy;
	}

	private static RedisConfiguration configuration(LettuceConnectionFactory factory) {
		if (factory.getClusterConfiguration() != null) {
			return factory.getClusterConfiguration();
		}
		if (factory.getSentinelConfiguration() != null) {
			return factory.getSentinelConfiguration();
		}
		if (factory.getSocketConfiguration() != null) {
			return factory.getSocketConfiguration();
		}
		return factory.getStandaloneConfiguration();
	}

	private static ClientOptions clientOptions(@Nullable ClientOptions options, boolean cluster,
			Duration commandTimeout, Duration connectTimeout) {
		SocketOptions socketOptions = ((options != null) ? options.getSocketOptions().mutate() : SocketOptions.builder())
			.connectTimeout(connectTimeout)
			.build();
		TimeoutOptions timeoutOptions = TimeoutOptions.enabled(commandTimeout);
		if (cluster) {
			ClusterClientOptions.Builder builder = (options instanceof ClusterClientOptions clusterOptions)
					? clusterOptions.mutate() : ClusterClientOptions.builder((options != null) ? options : ClientOptions.create());
			return builder.socketOptions(socketOptions)
				.timeoutOptions(timeoutOptions)
				.disconnectedBehavior(DisconnectedBehavior.REJECT_COMMANDS)
				.build();
		}
		return ((options != null) ? options.mutate() : ClientOptions.builder()).socketOptions(socketOptions)
			.timeoutOptions(timeoutOptions)
			.disconnectedBehavior(DisconnectedBehavior.REJECT_COMMANDS)
			.build();
	}

	/**
	 * Return whether the factory is a Lettuce one whose connections share one native connection,
	 * on which asynchronous commands are sent in call order with the synchronous ones.
	 */
	static boolean sharesNativeConnection(RedisConnectionFactory factory) {
		return isLettuce(factory) && ((LettuceConnectionFactory) factory).getShareNativeConnection();
	}

	/**
	 * Return a Redis cache that writes asynchronously through the factory's shared connection.
	 */
	static RedisCache asyncPutCache(String name, RedisCacheWriter writer, RedisCacheConfiguration configuration,
			RedisConnectionFactory factory) {
		return new LettuceRedisCache(name, writer, configuration, factory);
	}

	/**
	 * Drop the shared connection of a Lettuce factory, so that the next command connects afresh.
	 */
	static void resetConnection(RedisConnectionFactory factory) {
		((LettuceConnectionFactory) factory).resetConnection();
	}

	/**
	 * Run a Lua script through the factory's shared connection without waiting for it: it is
	 * queued on that connection after the commands sent before it.
	 */
	@SuppressWarnings("unchecked")
	static CompletionStage<?> evalAsync(RedisConnectionFactory factory, String script, byte[] key, byte[]... arguments) {
		try (RedisConnection connection = factory.getConnection()) {
			RedisClusterAsyncCommands<byte[], byte[]> commands = (RedisClusterAsyncCommands<byte[], byte[]>) connection
				.getNativeConnection();
			return commands.eval(script, ScriptOutputType.INTEGER, new byte[][] { key }, arguments);
		}
	}

	/**
	 * Return the factory's client, started, for {@link #onPubSubDisconnected}.
	 */
	static Object client(RedisConnectionFactory factory) {
		return ((LettuceConnectionFactory) factory).getRequiredNativeClient();
	}

	/**
	 * Run the action on the client's event loop each time one of its pub/sub connections is lost.
	 * @param client the client, as {@link #client} returned it
	 */
	static void onPubSubDisconnected(Object client, Runnable action) {
		((AbstractRedisClient) client).addListener(new RedisConnectionStateListener() {

			@Override
			public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
				if (connection instanceof StatefulRedisPubSubConnection) {
					action.run();
				}
			}

		});
	}

}
