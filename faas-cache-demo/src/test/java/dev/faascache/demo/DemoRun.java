/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.faascache.FaasCache;
import dev.faascache.FakeTicker;
import dev.faascache.spring.FaasSpringCache;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationHook;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.cache.CacheManager;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.function.ThrowingSupplier;

/**
 * Starts the demo through one of its real entry points, the Lambda {@link ProductHandler} or
 * {@link DemoApplication#main(String[])}, with a {@link FakeTicker} bean and test properties
 * added, and keeps the application context that the entry point starts so that tests can look
 * inside it and close it.
 */
final class DemoRun implements SpringApplicationHook, AutoCloseable {

	/**
	 * Where the handler looks for the application class first, before the
	 * manifest of the jar, which tests do not have.
	 */
	private static final String MAIN_CLASS = "MAIN_CLASS";

	private final Map<String, Object> properties;

	private final String[] profiles;

	private ConfigurableApplicationContext context;

	/**
	 * Create a run.
	 * @param properties properties that take precedence over {@code application.yml}
	 * @param profiles profiles to activate, such as {@code redis}
	 */
	DemoRun(Map<String, Object> properties, String... profiles) {
		this.properties = properties;
		this.profiles = profiles;
	}

	/**
	 * Start the application the way the Lambda runtime does: by creating the handler.
	 * @return the handler, ready for invocations
	 */
	ProductHandler startHandler() {
		String previous = System.getProperty(MAIN_CLASS);
		System.setProperty(MAIN_CLASS, DemoApplication.class.getName());
		try {
			return start(ProductHandler::new);
		}
		finally {
			if (previous != null) {
				System.setProperty(MAIN_CLASS, previous);
			}
			else {
				System.clearProperty(MAIN_CLASS);
			}
		}
	}

	/**
	 * Run an entry point with this run's bean and properties added to the application it starts.
	 * @param entryPoint the code that starts the application
	 * @return what the entry point returns
	 */
	<T> T start(ThrowingSupplier<T> entryPoint) {
		return SpringApplication.withHook(this, entryPoint);
	}

	@Override
	public SpringApplicationRunListener getRunListener(SpringApplication application) {
		application.addPrimarySources(List.of(FakeTickerConfiguration.class));
		application.setAdditionalProfiles(this.profiles);
		return new SpringApplicationRunListener() {

			@Override
			public void environmentPrepared(ConfigurableBootstrapContext bootstrapContext,
					ConfigurableEnvironment environment) {
				environment.getPropertySources().addFirst(new MapPropertySource("demo-test", DemoRun.this.properties));
			}

			@Override
			public void started(ConfigurableApplicationContext context, Duration timeTaken) {
				DemoRun.this.context = context;
			}

		};
	}

	/**
	 * Return the application context the entry point started.
	 * @return the context
	 */
	ConfigurableApplicationContext context() {
		if (this.context == null) {
			throw new IllegalStateException("No application was started");
		}
		return this.context;
	}

	ProductCatalogClient catalog() {
		return context().getBean(ProductCatalogClient.class);
	}

	FakeTicker ticker() {
		return context().getBean(FakeTicker.class);
	}

	/**
	 * Return the cache behind {@code @Cacheable("products")}.
	 * @return the native cache
	 */
	FaasCache<Object, Object> productsCache() {
		FaasSpringCache cache = (FaasSpringCache) context().getBean(CacheManager.class)
			.getCache(ProductCatalogClient.CACHE);
		return cache.getNativeCache();
	}

	@Override
	public void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

}
