# One image for the three services; docker-compose.yml picks the service with `command:`.
FROM node:20-bookworm-slim

# Chromium renders the letters to PDF; the Noto fonts cover every letter language
# (Latin, Cyrillic, Arabic script, Ethiopic, Thai, CJK).
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      chromium fonts-noto-core fonts-noto-cjk \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies first, so that a change to the code does not reinstall them.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

COPY . .
RUN npm run build \
 && npm prune --omit=dev \
 && npm cache clean --force

ENV NODE_ENV=production \
    CHROMIUM_PATH=/usr/bin/chromium

# The node user exists in the base image; nothing here needs root at run time.
USER node

EXPOSE 3000 3001 3002
CMD ["node", "dist/apps/booking/main.js"]
