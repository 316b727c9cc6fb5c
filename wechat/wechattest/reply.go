package wechattest

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"strconv"

	"petitiond/wechat"
)

// Reply is the bot's passive reply, decrypted.
type Reply struct {
	ToUserName   string
	FromUserName string
	CreateTime   int64
	MsgType      string
	Content      string    // text
	MediaID      string    // image, voice, video
	Title        string    // video, music
	Description  string    // video, music
	Articles     []Article // news

	Encrypted bool   // the reply came in <Encrypt>
	Raw       []byte // the plaintext reply XML
}

// Article is one item of a news reply.
type Article struct {
	Title       string
	Description string
	PicURL      string
	URL         string
}

// Empty reports whether the bot answered "success" or nothing, i.e. sent no
// passive reply.
func (r *Reply) Empty() bool { return r.MsgType == "" }

type encryptedReply struct {
	Encrypt      string `xml:"Encrypt"`
	MsgSignature string `xml:"MsgSignature"`
	TimeStamp    string `xml:"TimeStamp"`
	Nonce        string `xml:"Nonce"`
}

type plainReply struct {
	ToUserName   string `xml:"ToUserName"`
	FromUserName string `xml:"FromUserName"`
	CreateTime   int64  `xml:"CreateTime"`
	MsgType      string `xml:"MsgType"`
	Content      string `xml:"Content"`
	Image        struct {
		MediaID string `xml:"MediaId"`
	} `xml:"Image"`
	Voice struct {
		MediaID string `xml:"MediaId"`
	} `xml:"Voice"`
	Video struct {
		MediaID     string `xml:"MediaId"`
		Title       string `xml:"Title"`
		Description string `xml:"Description"`
	} `xml:"Video"`
	Music struct {
		Title       string `xml:"Title"`
		Description string `xml:"Description"`
	} `xml:"Music"`
	Articles []struct {
		Title       string `xml:"Title"`
		Description string `xml:"Description"`
		PicURL      string `xml:"PicUrl"`
		URL         string `xml:"Url"`
	} `xml:"Articles>item"`
}

// ParseReply verifies and decrypts a reply body as WeChat would: an
// encrypted reply must carry a valid MsgSignature over its own TimeStamp and
// Nonce, and the appid inside the ciphertext must be ours.
func (p *Pusher) ParseReply(body []byte) (*Reply, error) {
	body = bytes.TrimSpace(body)
	if len(body) == 0 || string(body) == "success" {
		return &Reply{}, nil
	}
	var enc encryptedReply
	if err := xml.Unmarshal(body, &enc); err != nil {
		return nil, fmt.Errorf("parse reply: %w", err)
	}
	reply := &Reply{}
	plain := body
	if enc.Encrypt != "" {
		if enc.MsgSignature == "" || enc.TimeStamp == "" || enc.Nonce == "" {
			return nil, errors.New("parse reply: encrypted reply without MsgSignature, TimeStamp or Nonce")
		}
		if _, err := strconv.ParseInt(enc.TimeStamp, 10, 64); err != nil {
			return nil, fmt.Errorf("parse reply: TimeStamp %q: %w", enc.TimeStamp, err)
		}
		if !wechat.SignatureValid(enc.MsgSignature, p.Token, enc.TimeStamp, enc.Nonce, enc.Encrypt) {
			return nil, errors.New("parse reply: MsgSignature does not match")
		}
		var err error
		if plain, err = decrypt(p.EncodingAESKey, p.AppID, enc.Encrypt); err != nil {
			return nil, fmt.Errorf("parse reply: %w", err)
		}
		reply.Encrypted = true
		// silenceper's Send encrypts an empty reply instead of answering
		// "success"; it carries no message either way.
		if len(bytes.TrimSpace(plain)) == 0 {
			return reply, nil
		}
	} else if p.Mode == Safe {
		return nil, errors.New("parse reply: plaintext reply in safe mode")
	}
	var x plainReply
	if err := xml.Unmarshal(plain, &x); err != nil {
		return nil, fmt.Errorf("parse reply: %w", err)
	}
	if x.MsgType == "" {
		return nil, errors.New("parse reply: no MsgType")
	}
	reply.ToUserName, reply.FromUserName = x.ToUserName, x.FromUserName
	reply.CreateTime, reply.MsgType, reply.Content = x.CreateTime, x.MsgType, x.Content
	reply.Raw = plain
	switch {
	case x.Image.MediaID != "":
		reply.MediaID = x.Image.MediaID
	case x.Voice.MediaID != "":
		reply.MediaID = x.Voice.MediaID
	case x.Video.MediaID != "":
		reply.MediaID, reply.Title, reply.Description = x.Video.MediaID, x.Video.Title, x.Video.Description
	case x.Music.Title != "":
		reply.Title, reply.Description = x.Music.Title, x.Music.Description
	}
	for _, a := range x.Articles {
		reply.Articles = append(reply.Articles, Article(a))
	}
	return reply, nil
}
