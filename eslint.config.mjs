import js from "@eslint/js";
import tseslint from "typescript-eslint";

// The layering (ARCHITECTURE.md, "Rules"): the domain never reaches the job layer, queries never
// reach the domain, components never reach the database, and transactions open only through
// db/transaction.ts so after-commit effects cannot be bypassed.
const noJobLayer = { group: ["@/inngest", "@/inngest/*", "**/inngest/**"], message: "lib/ sends events through the port in lib/jobs/ (sendEvent); the job layer depends on the domain, never the reverse." };
const noDomain = { group: ["@/lib/*", "!@/lib/env", "!@/lib/logger"], message: "db/ owns its queries' result types; it may use only lib/env and lib/logger." };
const noDatabase = { group: ["@/db", "@/db/*"], message: "Components get data from pages and actions, never from db/." };
const rawTransaction = {
  selector: "CallExpression[callee.property.name='transaction']",
  message: "Open transactions with inTransaction() (db/transaction.ts), so effects run after the outermost commit.",
};

export default tseslint.config(
  { ignores: ["node_modules/", ".next/", ".data/", "db/migrations/", "next-env.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-non-null-assertion": "error",
    },
  },
  {
    files: ["scripts/**", "tests/**", "**/*.test.ts"],
    rules: { "@typescript-eslint/no-non-null-assertion": "off" },
  },
  { files: ["lib/**"], rules: { "no-restricted-imports": ["error", { patterns: [noJobLayer] }] } },
  { files: ["db/**"], ignores: ["db/**/*.test.ts"], rules: { "no-restricted-imports": ["error", { patterns: [noDomain] }] } },
  { files: ["components/**"], rules: { "no-restricted-imports": ["error", { patterns: [noDatabase] }] } },
  { files: ["lib/**", "app/**", "inngest/**", "components/**"], ignores: ["**/*.test.ts"], rules: { "no-restricted-syntax": ["error", rawTransaction] } },
);
