FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
USER node
EXPOSE 8080
# tsx runs the TypeScript sources directly; the binary itself (not npx) so SIGTERM reaches the app.
CMD ["node_modules/.bin/tsx", "src/server.ts"]
