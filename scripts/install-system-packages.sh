#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the toolkit and its tests use, only those missing:
# libsndfile1 (FLAC/Ogg/MP3 decoding), libsoxr0 (resampling), sox and flac (reference tools the
# tests compare against), espeak-ng and bible-kjv (the mini-corpus synthesiser and its sentences), flite,
# festival and festvox-* voices (the evaluation sets' other engines), binutils (readelf, for tests).
set -euo pipefail
packages=(libsndfile1 libsoxr0 sox libsox-fmt-all flac espeak-ng bible-kjv flite festival festvox-kallpc16k festvox-kdlpc16k festvox-us-slt-hts binutils)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then echo "system packages: all present"; exit 0; fi
echo "system packages: installing ${missing[*]}"
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
