# apiroutes: the server (src/) and the routes (api/) into api.jar, with javac and jar only.
#   make            build api.jar
#   make test       fetch JUnit 5 once (with mvn) and run the tests
#   make run        build and serve on port 3000
#   make bench      benchmarks (see BENCHMARKS.md)
# Set JAVA_HOME to build and test with another JDK, e.g. JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 make test

ifdef JAVA_HOME
JAVA_BIN := $(JAVA_HOME)/bin/
endif
JAVA  := $(JAVA_BIN)java
JAVAC := $(JAVA_BIN)javac
JAR   := $(JAVA_BIN)jar
MVN   ?= mvn

JUNIT_VERSION := 1.11.4
JUNIT_JAR := lib/junit-platform-console-standalone-$(JUNIT_VERSION).jar
JAVAC_FLAGS := --release 17 -encoding UTF-8 -Xlint:all -Werror
# Handlers are the user's code: their warnings are shown but do not stop the build.
API_JAVAC_FLAGS := --release 17 -encoding UTF-8 -Xlint:all

SRC      := $(shell find src -name '*.java')
API_SRC  := $(shell find api -name '*.java' 2>/dev/null)
TEST_SRC := $(shell find test -name '*.java' 2>/dev/null)

.PHONY: all run test clean bench soak
all: api.jar

build/classes.stamp: $(SRC)
	@rm -rf build/classes && mkdir -p build/classes
	$(JAVAC) $(JAVAC_FLAGS) -d build/classes $(SRC)
	@touch $@

build/api.stamp: build/classes.stamp $(API_SRC)
	@rm -rf build/api && mkdir -p build/api
	$(if $(API_SRC),$(JAVAC) $(API_JAVAC_FLAGS) -cp build/classes -d build/api $(API_SRC))
	$(JAVA) -cp build/classes io.apiroutes.ServicesFileGenerator build/api
	@touch $@

# The library alone, a modular jar for applications that embed apiroutes.
build/apiroutes.jar: build/classes.stamp
	$(JAR) --create --file $@ -C build/classes .

# The server and the routes, run with java -jar. It runs on the class path, so it leaves out module-info.
api.jar: build/classes.stamp build/api.stamp
	$(JAR) --create --file $@ --main-class io.apiroutes.Main -C build/classes io -C build/api .
	@echo "api.jar: $$(wc -c < $@) bytes"

run: api.jar
	./run.sh

$(JUNIT_JAR):
	@mkdir -p lib
	$(MVN) -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
	  -Dartifact=org.junit.platform:junit-platform-console-standalone:$(JUNIT_VERSION) -DoutputDirectory=lib

build/test.stamp: build/api.stamp $(TEST_SRC) $(JUNIT_JAR)
	@rm -rf build/test && mkdir -p build/test
	$(JAVAC) $(JAVAC_FLAGS) -cp build/classes:build/api:$(JUNIT_JAR) -d build/test $(TEST_SRC)
	@touch $@

test: build/test.stamp api.jar
	@rm -rf build/test-reports
	@$(JAVA) -jar $(JUNIT_JAR) execute --disable-banner --details=tree --details-theme=ascii --disable-ansi-colors \
	  --class-path build/classes:build/api:build/test --scan-class-path \
	  --reports-dir build/test-reports > build/test-output.txt 2>&1; \
	  status=$$?; cat build/test-output.txt; \
	  passed=$$(sed -n 's/^\[ *\([0-9]*\) tests successful *\]$$/\1/p' build/test-output.txt); \
	  failed=$$(sed -n 's/^\[ *\([0-9]*\) tests failed *\]$$/\1/p' build/test-output.txt); \
	  echo "$${passed:-0} passed, $${failed:-0} failed"; \
	  exit $$status

# The figures of SECURITY.md (about 4 minutes, 127.0.0.1 only): slow clients, wrk load, shutdown under load.
soak: api.jar
	bench/soak/run.sh

clean:
	rm -rf build api.jar
