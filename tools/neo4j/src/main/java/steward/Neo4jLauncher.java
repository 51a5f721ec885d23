package steward;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.SettingValueParsers;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.kernel.internal.Version;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Runs an embedded Neo4j Community server with a Bolt connector on 127.0.0.1,
 * for Steward's development and tests. The whole server comes from Maven
 * Central, so no Neo4j tarball or Docker image is needed.
 *
 * Options (a flag wins over its environment variable):
 *   --port N        STEWARD_NEO4J_PORT       Bolt port, default 7687
 *   --data DIR      STEWARD_NEO4J_DATA       Neo4j home (databases, logs), default .neo4j/data
 *   --password PW   STEWARD_NEO4J_PASSWORD   enables auth for user neo4j; unset = auth off
 *   --pagecache SZ  STEWARD_NEO4J_PAGECACHE  page cache size, default 256m
 */
public final class Neo4jLauncher {
    static final String HOST = "127.0.0.1";

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable e) {
            e.printStackTrace();
            System.out.println("STEWARD_NEO4J_FAILED " + e);
            // Neo4j's non-daemon threads would otherwise keep a half-started JVM alive.
            System.exit(1);
        }
    }

    static void run(String[] args) throws Exception {
        Map<String, String> flags = parseFlags(args);
        int port = Integer.parseInt(option(flags, "port", "STEWARD_NEO4J_PORT", "7687"));
        Path home = Path.of(option(flags, "data", "STEWARD_NEO4J_DATA", ".neo4j/data")).toAbsolutePath();
        String password = option(flags, "password", "STEWARD_NEO4J_PASSWORD", "");
        String pageCache = option(flags, "pagecache", "STEWARD_NEO4J_PAGECACHE", "256m");
        boolean auth = !password.isEmpty();

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                // Embedded mode logs nothing to the console by default; the
                // "Started" lines in our log file help when a start hangs.
                .setUserLogProvider(new Log4jLogProvider(System.out, Level.INFO))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(GraphDatabaseSettings.auth_enabled, auth)
                // Dev passwords such as "test" are shorter than the default minimum of 8.
                .setConfig(GraphDatabaseSettings.auth_minimum_password_length, 1)
                // Usage reports would try to reach neo4j.com; dev and CI machines must stay on loopback.
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // After the stores are checkpointed, Bolt would idle 5 s + 5 s before the JVM
                // may exit; dev/test stop-start cycles don't need that grace.
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                // Preallocation would put 256 MB of transaction log per database on disk up front.
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                // The default page cache is half the machine's RAM, far beyond a dev server.
                .setConfig(GraphDatabaseSettings.pagecache_memory, SettingValueParsers.BYTES.parse(pageCache))
                .build();
        // Registered right after build so that even a failed start below releases the store lock.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("steward-neo4j: shutting down");
            dbms.shutdown();
            System.out.println("steward-neo4j: stopped");
        }, "steward-neo4j-shutdown"));

        if (auth) {
            setPassword(dbms, password);
        }
        waitForBolt(port);
        // neo4j.sh waits for exactly this prefix.
        System.out.printf("STEWARD_NEO4J_READY bolt://%s:%d neo4j=%s auth=%s home=%s%n",
                HOST, port, Version.getNeo4jVersion(), auth ? "on" : "off", home);
        System.out.flush();
        Thread.currentThread().join(); // the shutdown hook ends the process on SIGTERM
    }

    /** The password lives in the system database, so it persists; re-applying it keeps the env var authoritative. */
    static void setPassword(DatabaseManagementService dbms, String password) {
        try {
            dbms.database("system").executeTransactionally(
                    "ALTER USER neo4j SET PLAINTEXT PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        } catch (RuntimeException e) {
            // Neo4j refuses to "change" a password to its current value; that is the normal restart case.
            if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
                throw e;
            }
        }
    }

    /** build() returns once Bolt is bound, but a connect proves it to the caller too. */
    static void waitForBolt(int port) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, port), 1000);
                return;
            } catch (IOException e) {
                if (attempt >= 50) {
                    throw new IllegalStateException("Bolt is not listening on " + HOST + ":" + port, e);
                }
                Thread.sleep(200);
            }
        }
    }

    static Map<String, String> parseFlags(String[] args) {
        var flags = new HashMap<String, String>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + arg);
            }
            int eq = arg.indexOf('=');
            if (eq > 0) {
                flags.put(arg.substring(2, eq), arg.substring(eq + 1));
            } else if (i + 1 < args.length) {
                flags.put(arg.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("missing value for " + arg);
            }
        }
        for (String key : flags.keySet()) {
            if (!Set.of("port", "data", "password", "pagecache").contains(key)) {
                throw new IllegalArgumentException("unknown option: --" + key);
            }
        }
        return flags;
    }

    static String option(Map<String, String> flags, String flag, String envVar, String fallback) {
        String value = flags.get(flag);
        if (value == null) {
            value = System.getenv(envVar);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
