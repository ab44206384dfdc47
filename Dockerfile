FROM eclipse-temurin:25-jdk AS build
WORKDIR /build

COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN chmod +x mvnw \
 && ./mvnw -B -q dependency:go-offline

COPY contracts/ contracts/
COPY src/ src/
RUN ./mvnw -B -q -Dspotless.check.skip=true -DskipTests package

FROM eclipse-temurin:25-jre
RUN groupadd --system --gid 10001 origin \
 && useradd --system --uid 10001 --gid origin --home-dir /app --no-create-home \
      --shell /usr/sbin/nologin origin
WORKDIR /app

COPY --from=build /build/target/lib/ /app/lib/
COPY --from=build /build/target/origin.jar /app/origin.jar

ENV HOST=0.0.0.0 PORT=8080
EXPOSE 8080
USER 10001:10001
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/origin.jar"]
