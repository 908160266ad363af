/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.demo;

import dev.faascache.FakeTicker;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Gives the caches a {@link FakeTicker}: the starter builds every cache with the
 * {@link dev.faascache.Ticker} bean it finds.
 */
@Configuration(proxyBeanMethods = false)
class FakeTickerConfiguration {

	@Bean
	FakeTicker fakeTicker() {
		return new FakeTicker();
	}

}
