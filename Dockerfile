FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY ecosystem ecosystem
COPY cypher cypher
COPY web web
RUN pip install --no-cache-dir .
USER nobody
EXPOSE 8000
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "web.wsgi:app"]
