# Raise your voice: one image for the web app (gunicorn) and the background worker.
# Build: docker build -t raise-your-voice .   Run everything: docker compose up (see docker-compose.yml).
FROM python:3.11-slim-bookworm

# WeasyPrint needs Pango (text layout) and its font stack; the fonts themselves are bundled in static/fonts.
# libharfbuzz-subset0 cuts those fonts down to the glyphs a PDF uses, in C: without it WeasyPrint does that in
# Python and every PDF takes 2 to 3 times as long.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 \
    libfontconfig1 \
 && rm -rf /var/lib/apt/lists/*

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    ADVOCACY_INSTANCE_PATH=/data \
    HOST=0.0.0.0 \
    PORT=8000

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY advocacy advocacy
COPY letters letters
COPY static static
COPY templates templates
COPY pyproject.toml README.md ./

# Never run as root; /data holds the SQLite fallback HTTP cache and the optional shared PDF cache.
RUN useradd --system --uid 10001 --home-dir /app advocacy \
 && mkdir -p /data && chown advocacy /data
USER advocacy
VOLUME ["/data"]
EXPOSE 8000

HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD python -c "import os,urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ[\"PORT\"]}/healthz', timeout=2)"

# The web app. The worker service runs `flask --app advocacy worker` from the same image instead.
CMD ["gunicorn", "-c", "python:advocacy.gunicorn_conf", "advocacy.wsgi:app"]
