/** Runtime configuration from the environment, with defaults that suit one hospital on one machine. */
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  /** Hex or base64 key for encrypting personal data at rest; read from dataDir/secret.key when unset. */
  secretKey: string | null;
  sessionTtlHours: number;
  cookieSecure: boolean;
  maxUploadBytes: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
  jobPollMs: number;
  logLevel: string;
  webDist: string;
  seedDemo: boolean;
  /** Leading zero bits the public forms' proof of work needs (0 disables it, e.g. for load tests). */
  powBits: number;
  /** Public submissions allowed per client address per minute (kept in memory only, never stored). */
  publicRatePerMinute: number;
  /** Base URL printed in QR codes (e.g. https://qinglian.example.gov.cn); else taken from the request. */
  publicUrl: string | null;
  /**
   * Public reports are acknowledged once stored in the inbox and registered as cases right after
   * (docs/decisions/007); false registers them before answering (the test harness, QINGLIAN_INTAKE_QUEUE=0).
   */
  intakeQueue: boolean;
}

const int = (v: string | undefined, d: number) => (v && /^\d+$/.test(v) ? Number(v) : d);

/** Reads the environment once; tests pass overrides. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const dataDir = path.resolve(env.QINGLIAN_DATA_DIR ?? './data');
  return {
    port: int(env.PORT, 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    databaseUrl: env.DATABASE_URL || null,
    secretKey: env.QINGLIAN_SECRET_KEY || null,
    sessionTtlHours: int(env.QINGLIAN_SESSION_HOURS, 12),
    cookieSecure: env.QINGLIAN_COOKIE_SECURE === '1',
    maxUploadBytes: int(env.QINGLIAN_MAX_UPLOAD_MB, 20) * 1024 * 1024,
    lockoutThreshold: int(env.QINGLIAN_LOCKOUT_THRESHOLD, 5),
    lockoutMinutes: int(env.QINGLIAN_LOCKOUT_MINUTES, 15),
    jobPollMs: int(env.QINGLIAN_JOB_POLL_MS, 5000),
    logLevel: env.LOG_LEVEL ?? 'info',
    webDist: path.resolve(import.meta.dirname, '../../../web/dist'),
    seedDemo: env.QINGLIAN_SEED_DEMO !== '0',
    powBits: int(env.QINGLIAN_POW_BITS, 14),
    publicRatePerMinute: int(env.QINGLIAN_PUBLIC_RATE, 20),
    publicUrl: env.QINGLIAN_PUBLIC_URL || null,
    intakeQueue: env.QINGLIAN_INTAKE_QUEUE !== '0',
    ...overrides,
  };
}
