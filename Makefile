# apiroutes: the server (src/) and the routes (api/) into api.jar, with javac and jar (and src/build's
# PackJar, which packs api.jar tighter).
#   make            build api.jar
#   make test       fetch JUnit 5 once (with mvn) and run the tests: the framework's on the default
#                   engine (ENGINE=jdk|apiroutes for another), slow scenarios aside, then yours (test/api/)
#   make test-all   the framework's tests on both engines, slow scenarios included, then yours
#   make check      the whole matrix CI runs: test-all on Java 17 and 25, other handlers, Maven, deploy
#   make test-app   your tests alone: test/api/, against the handlers in api/
#   make run        build and serve on port 3000
#   make install    put io.apiroutes:apiroutes:$(VERSION) (jar, sources, javadoc, pom) in the local Maven repository
#   make bench      benchmarks (see BENCHMARKS.md): apiroutes against a plain JDK server, the engines, JSON
#   make image      a jlink runtime with api.jar in build/image; make test-deploy: nginx and two instances
# Set JAVA_HOME to build and test with another JDK, e.g. JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 make test

# The version, kept here only: jar manifests, the module, the pom, --version and the start-up line.
# (The README's snippets and examples/maven-app show it too: change them with it.)
VERSION := 0.1.0

ifdef JAVA_HOME
JAVA_BIN := $(JAVA_HOME)/bin/
endif
JAVA  := $(JAVA_BIN)java
JAVAC := $(JAVA_BIN)javac
JAR   := $(JAVA_BIN)jar
JAVADOC := $(JAVA_BIN)javadoc
MVN   ?= mvn

JUNIT_VERSION := 1.11.4
JUNIT_JAR := lib/junit-platform-console-standalone-$(JUNIT_VERSION).jar
# -XDstringConcat=inline: string concatenation as StringBuilder code, not invokedynamic, which
# spins ~30 classes at start-up; also 2 KB off api.jar (BENCHMARKS.md).
JAVAC_FLAGS := --release 17 -encoding UTF-8 -Xlint:all -Werror -XDstringConcat=inline
# Handlers are the user's code: their warnings are shown but do not stop the build.
API_JAVAC_FLAGS := --release 17 -encoding UTF-8 -Xlint:all -XDstringConcat=inline

# src/build holds the build's own tools, compiled into build/tools and in no jar.
SRC      := $(shell find src -path src/build -prune -o -name '*.java' -print)
API_SRC  := $(shell find api -name '*.java' 2>/dev/null)
# The framework's tests and their fixture handlers (test/fixtures/api): everything under test/ but
# test/api/, which is the user's. They never see api/ or its services file, so they pass whatever
# routes the user writes.
TEST_SRC := $(shell find test -path test/api -prune -o -name '*.java' -print 2>/dev/null)
# The user's tests of the handlers in api/, mirroring it: test/api/HelloTest.java tests api/Hello.java.
APP_TEST_SRC := $(shell find test/api -name '*.java' 2>/dev/null)

.PHONY: all run test test-all check test-app clean bench soak cds install version image test-deploy FORCE
all: api.jar

version:
	@echo $(VERSION)

# The list of each set's sources, rewritten only when it changes: adding or deleting a file
# rebuilds the set, as editing one does.
write-list = mkdir -p build && echo '$(1)' | cmp -s - $@ || echo '$(1)' > $@
build/api.list: FORCE ; @$(call write-list,$(API_SRC))
build/test.list: FORCE ; @$(call write-list,$(TEST_SRC))
build/test-app.list: FORCE ; @$(call write-list,$(APP_TEST_SRC))

build/classes.stamp: $(SRC)
	@rm -rf build/classes && mkdir -p build/classes
	@echo "javac src/ -> build/classes"
	@$(JAVAC) $(JAVAC_FLAGS) -d build/classes $(SRC)
	@touch $@

# The handlers, checked and listed in META-INF/services/io.apiroutes.ApiHandler by the library's
# annotation processor (HandlerProcessor), as in any other build: the rules of the start-up checks.
build/api.stamp: build/classes.stamp build/api.list $(API_SRC)
	@rm -rf build/api && mkdir -p build/api
	@echo "javac api/ -> build/api"
	@$(if $(API_SRC),$(JAVAC) $(API_JAVAC_FLAGS) -cp build/classes -processorpath build/classes \
	  -processor io.apiroutes.processor.HandlerProcessor -d build/api $(API_SRC))
	@touch $@

build/MANIFEST.MF: Makefile LICENSE
	@mkdir -p build/meta/META-INF && cp LICENSE build/meta/META-INF/LICENSE
	@printf 'Implementation-Title: apiroutes\nImplementation-Version: %s\nSpecification-Title: apiroutes\nSpecification-Version: %s\n' \
	  $(VERSION) $(VERSION) > $@

# Build-, test- and development-time parts (the annotation processor, the test client, dev mode),
# left out of api.jar. api.jar's manifest names the library jar on its class path, so that
# `java -jar api.jar dev` finds dev mode in the project folder; a server that has api.jar alone
# runs without it.
LIB_ONLY := ! -path 'io/apiroutes/processor/*' ! -path 'io/apiroutes/testing/*' ! -path 'io/apiroutes/dev/*'

# The library: a modular jar with the annotation processor and the test client, no example routes.
build/apiroutes.jar: build/classes.stamp build/MANIFEST.MF src/META-INF/services/javax.annotation.processing.Processor LICENSE
	@$(JAR) --create --file $@ --manifest build/MANIFEST.MF --module-version $(VERSION) -C build/classes . \
	  -C src META-INF/services/javax.annotation.processing.Processor -C build/meta META-INF/LICENSE
	@echo "build/apiroutes.jar: $$(wc -c < $@) bytes"

# The server and the routes, run with java -jar. It runs on the class path, so it leaves out module-info.
api.jar: build/classes.stamp build/api.stamp build/MANIFEST.MF build/apiroutes.jar build/tools.stamp
	@{ cat build/MANIFEST.MF; echo 'Class-Path: build/apiroutes.jar'; } > build/api-MANIFEST.MF
	@$(JAR) --create --file $@ --manifest build/api-MANIFEST.MF --main-class io.apiroutes.cli.Main \
	  $$(cd build/classes && find io -name '*.class' $(LIB_ONLY) | sort | sed 's|^|-C build/classes |') $$(cd build/api && find . -type f | sort | sed 's|^\./|-C build/api |')
	@$(JAVA) -XX:TieredStopAtLevel=1 -cp build/tools PackJar $@
	@echo "api.jar: $$(wc -c < $@) bytes"

build/tools.stamp: $(wildcard src/build/*.java)
	@$(JAVAC) --release 17 -Xlint:all -Werror -d build/tools $^
	@touch $@

run: api.jar
	./run.sh

# A class-data archive of api.jar for the java that builds it, which run.sh uses when it is newer
# than api.jar and was made by the same java: on JDK 24+ an AOT cache (JEP 483/514), before that a
# dynamic CDS archive. A training run starts the server through run.sh (same JVM flags) on a free
# loopback port, calls each route once (GET and POST), and stops it; the JVM writes the archive on
# exit. Start-up to the first answer, in BENCHMARKS.md: JDK 17 289 -> 228 ms, JDK 25 267 -> 171 ms.
cds: api.jar
	@java=$$(readlink -f "$$(command -v $(JAVA))"); \
	if [ "$$(cat build/cds.java 2>/dev/null)" = "$$java" ] && { [ build/api.aot -nt api.jar ] || [ build/api.jsa -nt api.jar ]; }; then exit 0; fi; \
	rm -f build/api.aot build/api.jsa build/cds.java; \
	f=$$($(JAVA) -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'); \
	if [ "$${f:-0}" -ge 24 ]; then out=build/api.aot; flag=-XX:AOTCacheOutput=$$out; \
	else out=build/api.jsa; flag=-XX:ArchiveClassesAtExit=$$out; fi; \
	JAVA_OPTS="$$flag" ./run.sh --port 0 --host 127.0.0.1 > build/cds-training.log 2>&1 & pid=$$!; \
	port=; for i in $$(seq 600); do \
	  port=$$(sed -n 's|^apiroutes .*ready on http://127.0.0.1:\([0-9]*\) .*|\1|p' build/cds-training.log); \
	  [ -n "$$port" ] || ! kill -0 $$pid 2>/dev/null && break; sleep 0.05; done; \
	if [ -n "$$port" ] && command -v curl >/dev/null; then \
	  for path in $$(sed -n 's|^  \(/api[^ ]*\) -> .*|\1|p' build/cds-training.log | sed 's|\[[^]]*\]\]*|1|g') /api/no-such-route; do \
	    curl -s -o /dev/null --max-time 5 "http://127.0.0.1:$$port$$path"; \
	    curl -s -o /dev/null --max-time 5 -H 'Content-Type: application/json' -d '{"a":[1,"b",null]}' "http://127.0.0.1:$$port$$path"; \
	  done; \
	fi; \
	kill $$pid 2>/dev/null; wait $$pid; \
	if [ -s $$out ]; then echo "$$java" > build/cds.java; echo "$$out: $$(wc -c < $$out) bytes"; \
	else echo "cds: no archive made, see build/cds-training.log"; fi

$(JUNIT_JAR):
	@mkdir -p lib
	$(MVN) -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
	  -Dartifact=org.junit.platform:junit-platform-console-standalone:$(JUNIT_VERSION) -DoutputDirectory=lib

build/test.stamp: build/classes.stamp build/test.list $(TEST_SRC) $(JUNIT_JAR)
	@rm -rf build/test && mkdir -p build/test
	@echo "javac test/ -> build/test"
	@$(JAVAC) $(JAVAC_FLAGS) -cp build/classes:$(JUNIT_JAR) -d build/test $(TEST_SRC)
	@touch $@

# The user's tests compile as the handlers do: warnings shown, not fatal.
build/test-app.stamp: build/api.stamp build/test-app.list $(APP_TEST_SRC) $(JUNIT_JAR)
	@rm -rf build/test-app && mkdir -p build/test-app
	@$(if $(APP_TEST_SRC),echo "javac test/api/ -> build/test-app"; $(JAVAC) $(API_JAVAC_FLAGS) -cp build/classes:build/api:$(JUNIT_JAR) -d build/test-app $(APP_TEST_SRC))
	@touch $@

# make test: the framework's suite on the default engine (ENGINE=jdk or ENGINE=apiroutes for
# another), without the scenarios tagged slow, then the user's tests; silent when it passes but for a
# header per run and the totals line, a failure's message and trace when not.
# make test-all: the framework's suite on both engines, slow scenarios included, each engine in a JVM
# of its own, side by side; then the user's tests. make check: the whole matrix (.ci/check).
TEST_ENGINES := $(if $(ENGINE),$(ENGINE),default)
ALL_ENGINES := $(if $(ENGINE),$(ENGINE),jdk apiroutes)

# Classes run in name order, the same on every machine (the default follows the file system).
JUNIT = $(JAVA) -jar $(JUNIT_JAR) execute --disable-banner --details=none --disable-ansi-colors \
  '--config=junit.jupiter.testclass.order.default=org.junit.jupiter.api.ClassOrderer$$ClassName'
# One engine's run of the framework's suite ($$engine: default, jdk or apiroutes); $(1): more options.
FRAMEWORK_RUN = $(JAVA) $$([ $$engine = default ] || echo -Dapiroutes.engine=$$engine) -jar $(JUNIT_JAR) execute \
  --disable-banner --details=none --disable-ansi-colors \
  '--config=junit.jupiter.testclass.order.default=org.junit.jupiter.api.ClassOrderer$$ClassName' \
  --class-path build/classes:build/test --scan-class-path build/test $(1) --reports-dir build/test-reports/framework-$$engine
# make test runs test classes four at once (most of a test's time is waiting on sockets and time
# limits), a class's tests one after another; classes that collect the log take a lock (HostileLog).
# make test-all runs its two engines at once instead, each class after the other.
PARALLEL_CLASSES = --config=junit.jupiter.execution.parallel.enabled=true \
  --config=junit.jupiter.execution.parallel.mode.default=same_thread \
  --config=junit.jupiter.execution.parallel.mode.classes.default=concurrent \
  --config=junit.jupiter.execution.parallel.config.strategy=fixed \
  --config=junit.jupiter.execution.parallel.config.fixed.parallelism=4
FRAMEWORK_TESTS = for engine in $(TEST_ENGINES); do echo "== the framework's tests, engine $$engine"; \
  $(call FRAMEWORK_RUN,--exclude-tag slow $(PARALLEL_CLASSES)) || status=1; done;
FRAMEWORK_TESTS_ALL = mkdir -p build/test-logs; \
  for engine in $(ALL_ENGINES); do ( $(FRAMEWORK_RUN) > build/test-logs/$$engine.log 2>&1; \
    echo $$? > build/test-logs/$$engine.status ) & done; wait; \
  for engine in $(ALL_ENGINES); do echo "== the framework's tests, engine $$engine, slow ones too"; \
    cat build/test-logs/$$engine.log; [ "$$(cat build/test-logs/$$engine.status)" = 0 ] || status=1; done;
APP_TESTS = $(if $(APP_TEST_SRC),echo "== your tests (test/api/)"; $(JUNIT) --class-path build/classes:build/api:build/test-app \
  --scan-class-path build/test-app --reports-dir build/test-reports/app || status=1;,echo "no tests under test/api/";)
# The last line, from the JUnit XML reports: every test case, dynamic and parameterized ones too.
# A test that a failing container took down (a class's set-up, a test factory) counts as failed, an
# aborted one (a failed assumption) or a disabled one as skipped. A run that failed without a failed
# test case in its report (a crash before the report) counts as one failure.
TEST_TOTALS = cat build/test-reports/*/TEST-*.xml 2>/dev/null | grep -o '<testsuite [^>]*>' \
  | awk -v status=$$status '{ for (i = 1; i <= NF; i++) if (split($$i, kv, "=") == 2) { gsub(/[">]/, "", kv[2]); n[kv[1]] += kv[2] } } \
      END { f = n["failures"] + n["errors"]; if (status != 0 && f == 0) f = 1; \
            print n["tests"] - n["skipped"] - n["failures"] - n["errors"] " passed, " f " failed, " n["skipped"] + 0 " skipped" }'; \
  exit $$status

test: build/test.stamp build/test-app.stamp api.jar build/apiroutes.jar
	@rm -rf build/test-reports; status=0; $(FRAMEWORK_TESTS) $(APP_TESTS) $(TEST_TOTALS)

test-all: build/test.stamp build/test-app.stamp api.jar build/apiroutes.jar
	@rm -rf build/test-reports build/test-logs; status=0; $(FRAMEWORK_TESTS_ALL) $(APP_TESTS) $(TEST_TOTALS)

# The whole matrix, as CI runs it (about a quarter of an hour): test-all on this JDK and on Java 25
# (JAVA25_HOME), make test with other handlers in api/ than the examples, the Maven example against
# the installed jar, and test-deploy. Ends with the totals line of them all.
check:
	.ci/check

test-app: build/test-app.stamp
	@rm -rf build/test-reports; status=0; $(APP_TESTS) $(TEST_TOTALS)

# The figures of docs/security.md (about 13 minutes, 127.0.0.1 only): slow clients, wrk load, 1000 keep-alive
# connections, shutdown under load, hung handlers, amplifying JSON bodies, clients that never read, churn;
# then capacity, each on a fresh server while /livez is probed: wrk -c4000, 4000 half request heads, 4000
# idle keep-alive connections, 2000 slow GETs, 3000 event streams, an error flood and its log bytes.
# It runs on the default engine, apiroutes' own; SOAK_ENGINES="jdk apiroutes" runs it on both, SOAK_ENGINE=jdk on
# the JDK's. bench/soak/run.sh lists the other settings.
soak: api.jar
	bench/soak/run.sh

# A runtime image of its own (jlink: the modules jdeps lists), api.jar and bin/apiroutes, smoke-tested.
image: api.jar
	deploy/image.sh

# Two instances behind nginx on loopback: a rolling restart and a SIGKILL under load (docs/deploying.md).
test-deploy: api.jar build/test.stamp
	deploy/test/run.sh

bench:
	bench/http/run.sh
	bench/http/engines.sh
	bench/http/idle.sh
	bench/http/profile.sh
	bench/http/compression.sh
	bench/http/startup.sh
	@if [ -x bench/json/run.sh ]; then bench/json/run.sh; fi
	bench/etag/run.sh
	bench/dev/run.sh

# --- make install: io.apiroutes:apiroutes:$(VERSION) into the local Maven repository, with the JDK and
# make alone: the library jar, its sources and javadoc, and a pom with no dependencies, copied into the
# repository's layout (what mvn install:install-file would write; Maven takes an artifact it finds there
# without a _remote.repositories file as locally installed). Another repository: make install MAVEN_REPO=...
MAVEN_REPO ?= $(HOME)/.m2/repository
INSTALL_DIR = $(MAVEN_REPO)/io/apiroutes/apiroutes/$(VERSION)
PROJECT_URL := https://github.com/apiroutes/apiroutes

build/apiroutes-sources.jar: $(SRC) build/MANIFEST.MF
	$(JAR) --create --file $@ --manifest build/MANIFEST.MF -C src . -C build/meta META-INF/LICENSE

# The public API's javadoc, the packages the module exports; -Xdoclint:all -Werror: a missing or broken
# doc comment fails the build.
build/apiroutes-javadoc.jar: $(SRC) build/MANIFEST.MF
	@rm -rf build/javadoc
	$(JAVADOC) -quiet --release 17 -encoding UTF-8 -Xdoclint:all -Werror -notimestamp \
	  -doctitle "apiroutes $(VERSION)" -windowtitle "apiroutes $(VERSION)" -d build/javadoc \
	  --module-source-path io.apiroutes=src --module io.apiroutes
	$(JAR) --create --file $@ --manifest build/MANIFEST.MF -C build/javadoc . -C build/meta META-INF/LICENSE

define POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>io.apiroutes</groupId>
  <artifactId>apiroutes</artifactId>
  <version>$(VERSION)</version>
  <packaging>jar</packaging>
  <name>apiroutes</name>
  <description>Next.js-style API routes for plain Java on the JDK's own HTTP server: a class under api/ is an endpoint under /api/*. No dependencies; an annotation processor that lists the handlers; a test client.</description>
  <url>$(PROJECT_URL)</url>
  <licenses>
    <license>
      <name>Apache License, Version 2.0</name>
      <url>https://www.apache.org/licenses/LICENSE-2.0.txt</url>
      <distribution>repo</distribution>
    </license>
  </licenses>
  <developers>
    <developer>
      <name>The apiroutes developers</name>
      <url>$(PROJECT_URL)</url>
    </developer>
  </developers>
  <scm>
    <connection>scm:git:$(PROJECT_URL).git</connection>
    <developerConnection>scm:git:$(PROJECT_URL).git</developerConnection>
    <url>$(PROJECT_URL)</url>
  </scm>
</project>
endef
export POM

build/apiroutes.pom: Makefile
	@mkdir -p build
	@printf '%s\n' "$$POM" > $@

install: build/apiroutes.jar build/apiroutes-sources.jar build/apiroutes-javadoc.jar build/apiroutes.pom
	@mkdir -p $(INSTALL_DIR)
	@rm -f $(INSTALL_DIR)/_remote.repositories $(INSTALL_DIR)/*.lastUpdated
	cp build/apiroutes.jar $(INSTALL_DIR)/apiroutes-$(VERSION).jar
	cp build/apiroutes-sources.jar $(INSTALL_DIR)/apiroutes-$(VERSION)-sources.jar
	cp build/apiroutes-javadoc.jar $(INSTALL_DIR)/apiroutes-$(VERSION)-javadoc.jar
	cp build/apiroutes.pom $(INSTALL_DIR)/apiroutes-$(VERSION).pom
	@echo "installed io.apiroutes:apiroutes:$(VERSION) in $(INSTALL_DIR)"

clean:
	rm -rf build api.jar
