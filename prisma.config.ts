import 'dotenv/config';
import { defineConfig } from 'prisma/config';

// `prisma generate` runs at install, before any database exists: fall back to a placeholder URL.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: {
    path: 'prisma/migrations',
    seed: 'tsx prisma/seed.ts',
  },
  datasource: {
    url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/quire',
  },
});
