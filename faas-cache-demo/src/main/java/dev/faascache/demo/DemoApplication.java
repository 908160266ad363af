/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.faascache.Ticker;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.Banner;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * A function that caches a slow lookup with the faas-cache starter, configured in
 * {@code application.yml} under {@code faas.cache}.
 * <p>
 * On AWS Lambda, Spring Cloud Function's {@code FunctionInvoker} starts this application once per
 * container and routes every invocation to {@link ProductFunction}: warm invocations find the
 * products fetched by earlier ones in the cache. Run locally, {@link #main(String[])} serves the
 * function over HTTP, or, given {@code --simulate=N}, makes N invocations, prints what each one
 * cost and the cache statistics, and exits.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableCaching
public class DemoApplication {

	@Bean
	ProductCatalogClient productCatalogClient(@Value("${demo.catalog.latency}") Duration latency) {
		return new ProductCatalogClient(latency);
	}

	@Bean
	CatalogWarmUp catalogWarmUp(ProductCatalogClient productCatalogClient,
			@Value("${demo.warm-up.product-ids:}") List<String> productIds) {
		return new CatalogWarmUp(productCatalogClient, productIds);
	}

	@Bean
	ProductFunction product(ProductCatalogClient productCatalogClient) {
		return new ProductFunction(productCatalogClient);
	}

	/**
	 * Serve the function over HTTP, or run the simulation when {@code --simulate[=N]} is given.
	 * @param args the command line arguments
	 */
	public static void main(String[] args) {
		DefaultApplicationArguments arguments = new DefaultApplicationArguments(args);
		if (!arguments.containsOption(Simulation.OPTION)) {
			SpringApplication.run(DemoApplication.class, args);
			return;
		}
		int invocations = Simulation.invocations(arguments.getOptionValues(Simulation.OPTION));
		SpringApplication application = new SpringApplication(DemoApplication.class);
		// no web server, so that the process ends with the simulation; no log noise around the table
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		application.setLogStartupInfo(false);
		application.setDefaultProperties(Map.of("logging.level.root", "warn"));
		try (ConfigurableApplicationContext context = application.run(args)) {
			Simulation simulation = new Simulation(context.getBean(ProductFunction.class),
					context.getBean(ProductCatalogClient.class), context.getBean(CacheManager.class),
					context.getBeanProvider(Ticker.class).getIfAvailable(Ticker::systemTicker));
			simulation.run(invocations, System.out);
		}
	}

}
