"""scikit-learn reference for `npm run eval` and `npm run bench` (run with Debian's /usr/bin/python3).

Reads JSON Lines with "text" (and optionally "label") from stdin; prints one JSON object.
  mode "eval":  for each seed, TF-IDF + KMeans and TF-IDF + LSA(100) + Normalizer + KMeans,
                returning labels and scores.
  mode "bench": the issue's pipeline once, with per-stage wall times and peak RSS.
  mode "topics": NMF (on TF-IDF) and LDA (on counts) with k topics; each topic's top words.
"""
import json
import resource
import sys
import time

import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import NMF, PCA, LatentDirichletAllocation, TruncatedSVD
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.metrics import adjusted_rand_score, homogeneity_completeness_v_measure, silhouette_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import Normalizer


def scores(labels, predicted, space):
    h, c, v = homogeneity_completeness_v_measure(labels, predicted)
    sample = min(2000, space.shape[0])
    sil = silhouette_score(space, predicted, metric="cosine", sample_size=sample, random_state=0)
    return {"homogeneity": h, "completeness": c, "vMeasure": v, "ari": adjusted_rand_score(labels, predicted), "silhouette": float(sil)}


def vectorizer():
    return TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=2, max_df=0.5)


def run_eval(records, k, seeds):
    texts = [r["text"] for r in records]
    labels = [r["label"] for r in records]
    out = {"tfidf": [], "lsa": []}
    for seed in seeds:
        started = time.perf_counter()
        x = vectorizer().fit_transform(texts)
        predicted = KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(x)
        out["tfidf"].append({"seed": seed, "seconds": time.perf_counter() - started, **scores(labels, predicted, x)})

        started = time.perf_counter()
        x = vectorizer().fit_transform(texts)
        lsa = make_pipeline(TruncatedSVD(n_components=100, random_state=seed), Normalizer(copy=False))
        reduced = lsa.fit_transform(x)
        predicted = KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(reduced)
        out["lsa"].append({"seed": seed, "seconds": time.perf_counter() - started, "labels": predicted.tolist(), **scores(labels, predicted, reduced)})
    return out


def run_bench(records, k):
    texts = [r["text"] for r in records]
    times = {}
    t = time.perf_counter()
    x = TfidfVectorizer(min_df=2, max_df=0.5, sublinear_tf=True, stop_words="english").fit_transform(texts)
    times["tfidf"] = time.perf_counter() - t
    t = time.perf_counter()
    reduced = Normalizer(copy=False).fit_transform(TruncatedSVD(n_components=100, random_state=0).fit_transform(x))
    times["lsa"] = time.perf_counter() - t
    t = time.perf_counter()
    km = KMeans(n_clusters=k, n_init=3, random_state=0).fit(reduced)
    times["kmeans"] = time.perf_counter() - t
    t = time.perf_counter()
    PCA(n_components=2, random_state=0).fit_transform(reduced)
    times["pca"] = time.perf_counter() - t
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"seconds": times, "peakRssBytes": peak_kib * 1024, "inertia": float(km.inertia_)}


def top_words(components, vocabulary, count):
    # Ties broken by vocabulary order, so reruns print the same words.
    return [[vocabulary[j] for j in sorted(range(len(row)), key=lambda j: (-row[j], j))[:count]] for row in components]


def run_topics(records, k, seed, count):
    texts = [r["text"] for r in records]
    started = time.perf_counter()
    tfidf = vectorizer()
    x = tfidf.fit_transform(texts)
    nmf = NMF(n_components=k, init="nndsvda", random_state=seed, max_iter=400).fit(x)
    nmf_seconds = time.perf_counter() - started
    started = time.perf_counter()
    counts = CountVectorizer(stop_words="english", min_df=2, max_df=0.5)
    c = counts.fit_transform(texts)
    lda = LatentDirichletAllocation(n_components=k, random_state=seed, learning_method="batch").fit(c)
    lda_seconds = time.perf_counter() - started
    return {
        "nmf": {"topics": top_words(nmf.components_, tfidf.get_feature_names_out().tolist(), count), "seconds": nmf_seconds},
        "lda": {"topics": top_words(lda.components_, counts.get_feature_names_out().tolist(), count), "seconds": lda_seconds},
    }


def main():
    params = json.loads(sys.argv[1])
    records = [json.loads(line) for line in sys.stdin if line.strip()]
    if params["mode"] == "eval":
        result = run_eval(records, params["k"], params["seeds"])
    elif params["mode"] == "topics":
        result = run_topics(records, params["k"], params["seed"], params.get("count", 10))
    else:
        result = run_bench(records, params["k"])
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
